# ruff: noqa: E501
"""Letters 251-300: the fresh held-out set, written after the extractor was tuned, by a writer
who never saw the extractor. Nobody tuning the extractor reads this file or these letters."""

from build import G, J, L, P, X


def sig(body: str) -> str:
    """A signature opened by the standard delimiter line '-- ' (dash, dash, space)."""
    return body.replace("\n--\n", "\n-- \n")


LETTERS = [
L("ru", "damage", "terse, typos, no punctuation at all, two photos",
  "Виталий Жуков <zhukov.vitaly@mail.ru>", "кострюля треснутая", """
добрый день пришол набор посуды тефаль натура заказ 88-2417 одна кострюля с трещиной по дну а у сковородки ручка отломана коробка мятая была фотки прикрепил поменяйте кострюлю и сковородку
""", att=[J("IMG_4471.jpg"), J("IMG_4472.jpg")],
  order_number="88-2417", product_name="набор посуды тефаль натура",
  grounds="одна кострюля с трещиной по дну а у сковородки ручка отломана", demand="replacement"),

L("en", "delay", "rambling, plain with HTML alternative, date in words, pounds, phone below a '-- ' signature",
  "Daniel Price <dan.price.home@gmail.com>", "Bike for my son still hasn't shown up (order 60-7734)", sig("""
Hello,

I'm getting a bit worried now. On the 19th of November I ordered a Stels Navigator 26" bike for my son's birthday - order 60-7734. The checkout page said "dispatched within 48 hours", but the order status has sat on "processing" for twelve days. Nobody has emailed to explain, and the live chat closes before I finish work.

His party is on Sunday. If the bike can't be with us by Saturday, please just cancel the order and give me back the £279 I paid - I'll have to buy one locally.

Cheers,
Dan

--
Daniel Price
Mob. 07912 640 118
"""), alt=True,
  order_number="60-7734", product_name='Stels Navigator 26" bike', purchase_date="2026-11-19",
  grounds="the order status has sat on processing for twelve days", demand="refund",
  amount="279.00", currency="GBP", phone="+447912640118"),

L("ru", "shortage", "windows-1251, two products short, reconciliation XLSX with articles, phone below '-- '",
  "Завсклад ООО Чистый дом <sklad@chisty-dom62.ru>", "Недостача по ТН 5127", sig("""
Добрый день!

Вчера принимали товар по товарной накладной № 5127 от 30.11.2026, не сошлось по двум позициям:
- перчатки нитриловые: по накладной 50 упак., в наличии 45 упак.;
- салфетки бумажные: по накладной 80 упак., в наличии 60 упак.
Остальное по количеству сходится, сверка в файле. Недостающее прошу довезти к нам: г. Рязань, Касимовское ш., 29, склад «Чистый дом».

--
Горбунова Елена, зав. складом
8 (4912) 55-19-40
"""), cs="windows-1251",
  att=[X("Сверка_5127.xlsx", ("Артикул", "Товар", "По накладной", "Факт"),
         ("CH-GLOVES", "Перчатки нитриловые", 50, 45), ("CH-NAPK", "Салфетки бумажные", 80, 60))],
  waybill_number="5127", product_name=["перчатки нитриловые", "салфетки бумажные"],
  product_sku=["CH-GLOVES", "CH-NAPK"], unit=["pack", "pack"], quantity_ordered=["50", "80"],
  quantity_received=["45", "60"], location="г. Рязань, Касимовское ш., 29, склад «Чистый дом»",
  grounds="не сошлось по двум позициям", demand="delivery_of_missing", delivery_date="2026-11-30",
  phone="+74912551940"),

L("en", "wrong_item", "terse, order number only in the attached PDF's file name, SKU in the PDF",
  "Chloe Martin <chloe.martin92@icloud.com>", "Wrong colour mat", """
Hi - ordered a purple yoga mat, a blue one turned up. Confirmation attached. Can you swap it?
Chloe
""", att=[P("order_60-8810_confirmation.pdf", "Mailflow Shop - order confirmation", "SP-YOGA Yoga mat 183x61, purple")],
  order_number="60-8810", product_name="purple yoga mat", product_sku="SP-YOGA",
  grounds="a blue one turned up", demand="replacement"),

L("ru", "defect", "rambling, typos, two demands, amount '6490р', phone with dashes",
  "Наталья Кострова <kostrova.nata@yandex.ru>", "Мультиварка — брак!!", """
Здраствуйте.

Пишу уже не знаю куда. Мультиварку Redmond RMC-M903 мы купили у вас 3 ноября, заказ ЗК-73105. Первые дни вроде нормально, потом крышка перестала защелкиваться, клапан пропускает пар прямо на шкаф, а вчера она вообще выбила пробки во всей квартире когда варила кашу. Муж сказал больше её не включать.

Хотим чтобы её отремонтировали по гарантии, а если нельзя то вернули деньги 6490р.
Звоните в любое время 8-926-111-22-33, Наталья
""", order_number="ЗК-73105", product_name="Мультиварку Redmond RMC-M903", product_sku="RMC-M903",
  purchase_date="2026-11-03",
  grounds="крышка перестала защелкиваться, клапан пропускает пар прямо на шкаф, а вчера она вообще выбила пробки",
  demand=["repair", "refund"], amount="6490.00", currency="RUB", phone="+79261112233"),

L("en", "service", "HTML-only, refund for a returned item never paid, &pound; entity",
  "Oliver Grant <oliver.grant@btinternet.com>", "Refund for returned keyboard - third email", """
<html><body><div style="font-family:Calibri,sans-serif">
<p>Dear Customer Services,</p>
<p>This is my third message about the same thing. I sent back a Logitech K120 keyboard from order 82-5517 using your returns label, and the courier's tracking shows it was signed for at your warehouse. Since then: no refund, no email, nothing. Your two previous replies were automatic and nobody followed them up.</p>
<p>Please put the <b>&pound;24.99</b> back on my card this week.</p>
<p>Regards,<br>Oliver Grant</p>
</div></body></html>
""", html=True,
  order_number="82-5517", product_name="Logitech K120 keyboard", grounds="Since then: no refund, no email, nothing",
  demand="refund", amount="24.99", currency="GBP"),

L("ru", "other", "transliteration, change of delivery address before dispatch",
  "Svetlana Orlova <sveta.orlova.88@gmail.com>", "smena adresa dostavki", """
Zdravstvuite!
Zakaz 77-6021 eshe ne otpravlen, ya pravilno ponimayu? My pereezzhaem, poetomu proshu dostavit ego po novomu adresu: g. Tula, ul. Boldina, d. 98, kv. 14. Staryi adres bolshe ne aktualen.
Svetlana, +7 910 555 34 12
""", order_number="77-6021", location="g. Tula, ul. Boldina, d. 98, kv. 14",
  grounds="proshu dostavit ego po novomu adresu", phone="+79105553412"),

L("ru", "damage", "koi8-r, reply above our quoted acknowledgement that names another order",
  "Тимур Хасанов <t.hasanov@rambler.ru>", "Re: Ваше обращение зарегистрировано", """
Добавлю подробности. Холодильник Bosch по заказу 91-4406 привезли с вмятиной на двери морозилки, уплотнитель в одном месте порван. Заметил уже после ухода грузчиков, фото пока не сделал. Готов оставить себе, если сделаете скидку 5000 рублей.

Тимур

01.12.2026 09:15, Mailflow Shop пишет:
> Здравствуйте!
> Ваше обращение по заказу 91-4460 зарегистрировано под номером 5512.
> Мы ответим в течение двух рабочих дней.
> Служба заботы Mailflow Shop
""", cs="koi8-r",
  order_number="91-4406", product_name="Холодильник Bosch",
  grounds="привезли с вмятиной на двери морозилки, уплотнитель в одном месте порван",
  demand="price_reduction", amount="5000.00", currency="RUB"),

L("en", "shortage", "terse, counts written in words, SKU in brackets",
  "Gary Fletcher <gary@fletcher-electrical.co.uk>", "40-6612 short", """
Gauss LED bulbs (LS-LED10): ordered twenty four, only eighteen in the box. Send the other six please. Gary
""", order_number="40-6612", product_name="Gauss LED bulbs", product_sku="LS-LED10",
  quantity_ordered="24", quantity_received="18", grounds="ordered twenty four, only eighteen in the box",
  demand="delivery_of_missing"),

L("ru", "delay", "HTML-only, purchase date 13.11, amount with the rouble sign, phone under '--' in HTML",
  "Ксения Белоусова <k.belousova@inbox.ru>", "Где коляска???", """
<div>Добрый день.</div><div>Коляску Yoya Plus заказали 13.11, заказ 88-3390. На сайте было написано «доставка 3–5 дней». Уже больше двух недель ничего, в личном кабинете статус «собирается». Малышу гулять не в чем, брали специально на зиму.</div><div>Если до пятницы коляски не будет, верните, пожалуйста, 12 990 ₽ на карту.</div><div>--</div><div>Ксения</div><div>+7 (921) 404-55-66</div>
""", html=True,
  order_number="88-3390", product_name="Коляску Yoya Plus", purchase_date="2026-11-13",
  grounds="Уже больше двух недель ничего, в личном кабинете статус «собирается»", demand="refund",
  amount="12990.00", currency="RUB", phone="+79214045566"),

L("en", "damage", "rambling, JPEG named .pdf is a photo, real PDF proof of delivery, phone below '-- '",
  "Aisha Rahman <aisha.rahman@outlook.com>", "TV delivered with cracked screen - 82-4120", sig("""
Hello,

Your driver dropped off our new Samsung 43-inch TV (UE43AU7100) this morning, order 82-4120. The outer box had a hole punched through one side - it looked like a forklift prong - and I said so to him, but he was in a hurry and asked me to sign anyway. When we unboxed it an hour later, the screen has a spiderweb crack spreading from the bottom left corner and the panel won't show a picture, only lines.

It's still in its box in our living room, 14 Elm Road, Leeds LS6 2AB. I've attached a photo of the crack and the delivery receipt. Could you arrange a replacement set and collect the broken one?

Thanks,
Aisha

--
Aisha Rahman
+44 7912 440118
"""), att=[J("crack_photo.pdf", ctype="application/pdf"),
          P("POD_82-4120.pdf", "Proof of delivery", "Order 82-4120", "Consignee signature: A. Rahman", "Remark: outer box damaged")],
  order_number="82-4120", product_name="Samsung 43-inch TV", product_sku="UE43AU7100",
  location="in its box in our living room, 14 Elm Road, Leeds LS6 2AB",
  grounds="the screen has a spiderweb crack spreading from the bottom left corner and the panel won't show a picture",
  demand="replacement", phone="+447912440118"),

L("ru", "wrong_item", "terse, two products swapped, abbreviations, site address",
  "Прораб Ситников <sitnikov.stroy@mail.ru>", "ЗК-73348 пересорт", """
Заказ ЗК-73348. Вместо УШМ Интерскол 125/900 положили 125/1100, вместо набора бит Зубр 18 предм. — набор свёрл. Нужны те, что заказывал. Объект: г. Подольск, ул. Садовая, 5, бытовка.
Ситников, 8 915 040 30 20
""", order_number="ЗК-73348", product_name=["УШМ Интерскол 125/900", "набора бит Зубр 18 предм."],
  location="г. Подольск, ул. Садовая, 5, бытовка",
  grounds="Вместо УШМ Интерскол 125/900 положили 125/1100, вместо набора бит — набор свёрл",
  demand="replacement", phone="+79150403020"),

L("ru", "service", "someone else's personal data mailed to the customer; no remedy asked",
  "Евгения Пахомова <pahomova.e@gmail.com>", "Мне прислали чужие данные", """
Здравствуйте. Сегодня на мою почту пришло письмо «Ваш заказ 91-7781 передан курьеру» — это не мой заказ. В письме фамилия, адрес и телефон другой женщины и состав её покупок. Получается, и мои данные могут так же уходить кому-то постороннему. Прошу разобраться, сообщить, что вы сделали, и убрать мою почту из этой рассылки.
""", order_number="91-7781",
  grounds="это не мой заказ. В письме фамилия, адрес и телефон другой женщины и состав её покупок"),

L("en", "other", "request for a declaration of conformity; invoice number, no fault",
  "Compliance <compliance@greenleaf-garden.ie>", "Declaration of conformity needed - INV-571230", """
Hello, for invoice INV-571230 (the Gardena 25 m hoses) our auditor is asking for the declaration of conformity and the material safety sheet. Could you send both PDFs by Friday? Many thanks, Siobhan Kelly, Compliance
""", invoice_number="INV-571230", product_name="Gardena 25 m hoses",
  grounds="our auditor is asking for the declaration of conformity and the material safety sheet"),

L("ru", "shortage", "koi8-r, terse, a missing parcel counted in places (no unit)",
  "ИП Кольцова <koltsova.ip@rambler.ru>", "ТН-13377 не все места", """
По ТН-13377 мест было 6, приехало 5, нет коробки с подушками Fibre. Довезите в магазин, Липецк, ул. Катукова, 11.
""", cs="koi8-r",
  waybill_number="ТН-13377", product_name="подушками Fibre", quantity_ordered="6", quantity_received="5",
  location="магазин, Липецк, ул. Катукова, 11", grounds="мест было 6, приехало 5, нет коробки с подушками Fibre",
  demand="delivery_of_missing"),

L("en", "defect", "HTML-only, German customer, date 'Nov 7th', phone in the HTML signature",
  "Jonas Weber <jonas.weber@gmx.de>", "Trimmer spool melting", """
<html><body>
<p>Good day,</p>
<p>I bought the Huter GET-1000S electric trimmer on Nov 7th (order 71-5260). After about ten minutes of cutting, the line spool gets so hot that it melts into the housing and the line can no longer feed out. It has happened three times now, each time with a new spool.</p>
<p>Please repair it under the warranty, I can send it by post.</p>
<p>Mit freundlichen Gr&uuml;&szlig;en<br>Jonas Weber<br>Tel. +49 151 23456789</p>
</body></html>
""", html=True,
  order_number="71-5260", product_name="Huter GET-1000S electric trimmer", purchase_date="2026-11-07",
  grounds="the line spool gets so hot that it melts into the housing and the line can no longer feed out",
  demand="repair", phone="+4915123456789"),

L("ru", "damage", "rambling, amount in words, PNG and two JPEG photos, two demands",
  "Арсений Лыков <lykov.arseny@yandex.ru>", "Заказ 77-2950: гантели пришли побитые", """
Здравствуйте!

Вчера курьер привёз гантели разборные 2х10 кг. Коробка была разорвана с угла, скотч наполовину отклеен, а внутри один блин треснул пополам, второй с отколотым краем, и гриф заметно погнут — замок на него просто не накручивается. Курьер уже уехал, так что акт не составили, но фото я сделал сразу, они в письме.

В целом гантели мне нужны, поэтому готов оставить их себе, если вернёте часть стоимости — две с половиной тысячи рублей. Если нет, то тогда меняйте целиком.

Арсений, 8 (999) 210-43-21
""", att=[G("korobka.png"), J("blin.jpg"), J("grif.jpg")],
  order_number="77-2950", product_name="гантели разборные 2х10 кг",
  grounds="один блин треснул пополам, второй с отколотым краем, и гриф заметно погнут",
  demand=["price_reduction", "replacement"], amount="2500.00", currency="RUB", phone="+79992104321"),

L("en", "delay", "terse, lower case, typos, date 20/11",
  "kev99 <kevin.doyle99@hotmail.com>", "where is my order", """
where is my order 60-9132?? paid on 20/11 and still nothing, tracking number dosnt work. cancel it and refund me
""", order_number="60-9132", purchase_date="2026-11-20",
  grounds="paid on 20/11 and still nothing, tracking number dosnt work", demand="refund"),

L("ru", "defect", "windows-1251, kopecks with a comma, two cartridges",
  "Бухгалтерия ООО Лотос <buh@lotos-nsk.ru>", "Картриджи печатают полосами", """
Добрый день. По заказу 88-4015 получили 2 шт. картриджей HP CF244A. Оба печатают с серыми полосами по всей странице и пачкают лист, принтер чистили, со старым картриджем всё нормально. Просим вернуть деньги за оба: 1 249,90 руб.
Главный бухгалтер Носова И.А., +7 (383) 210-77-45
""", cs="windows-1251",
  order_number="88-4015", product_name="картриджей HP CF244A", quantity="2", unit="pcs",
  grounds="печатают с серыми полосами по всей странице и пачкают лист", demand="refund",
  amount="1249.90", currency="RUB", phone="+73832107745"),

L("ru", "other", "HTML-only, cancellation before dispatch with a refund",
  "Роза Ахметова <roza.ahmetova@mail.ru>", "Отмена заказа", """
<html><body><p>Здравствуйте!</p><p>Передумала, прошу отменить заказ <b>91-8450</b> (комплект постельного белья сатин, 2-спальный). Судя по статусу, он ещё не отправлен. Оплату 3 780 руб. верните, пожалуйста, на ту же карту.</p><p>Роза</p></body></html>
""", html=True,
  order_number="91-8450", product_name="комплект постельного белья сатин, 2-спальный",
  grounds="Передумала, прошу отменить заказ", demand="refund", amount="3780.00", currency="RUB"),

L("en", "shortage", "forwarded note from the depot below; the new text restates the facts",
  "Paul Bennett <p.bennett@northkitchenco.co.uk>", "Fwd: knife sets short on INV-572018", """
Hi,

Forwarding what our depot sent me. Invoice INV-572018: 15 sets of the Bekker BK-KN05 knives were invoiced, the carton held 12 sets. Please send the other 3 sets to our Manchester depot, Unit 4, Trafford Park, M17 1AB.

Paul Bennett, Purchasing
0161 832 4410

---------- Forwarded message ---------
From: Depot Manchester <depot@northkitchenco.co.uk>
Date: Mon, 30 Nov 2026 at 16:40
Subject: knife sets short
To: Paul Bennett <p.bennett@northkitchenco.co.uk>

Paul - BK-KN05 carton only had 12 in, paperwork says 15. Can you chase?
""", invoice_number="INV-572018", product_name="Bekker BK-KN05 knives", product_sku="BK-KN05", unit="set",
  quantity_ordered="15", quantity_received="12", location="our Manchester depot, Unit 4, Trafford Park, M17 1AB",
  grounds="15 sets were invoiced, the carton held 12 sets", demand="delivery_of_missing", phone="+441618324410"),

L("ru", "wrong_item", "transliteration, terse, bags counted as pieces",
  "Ruslan <ruslan.tagirov@gmail.com>", "ne ta shtukaturka", """
Zdravstvuite. Zakaz 77-8120, zakazyval Rotband 25 kg 10 meshkov, a privezli Knauf Fugen. Zamenite pozhaluista, meshki stoyat u menya v garazhe, nichego ne otkryval.
Ruslan 8 903 456 78 12
""", order_number="77-8120", product_name="Rotband 25 kg", quantity="10", unit="pcs",
  location="u menya v garazhe", grounds="a privezli Knauf Fugen", demand="replacement", phone="+79034567812"),

L("ru", "damage", "order and waybill numbers only in the attached PDF, SKU there too, two photos",
  "Денис Крылов <krylov.d@yandex.ru>", "Ламинат пришёл мокрым", """
Здравствуйте. Ламинат Tarkett привезли мокрым — 4 упаковки разбухли по торцам, доски не стыкуются. Накладную и фото прикладываю. Нужна замена этих 4 упаковок. Ламинат лежит в квартире: г. Иваново, ул. Лежневская, 120, кв. 33.
""", att=[P("nakladnaya.pdf", "Delivery note TN-14022", "Order ZK-73590", "TK-LAM33 Tarkett Woodstock laminate  12 pack"),
         J("laminat_1.jpg"), J("laminat_2.jpg")],
  order_number="ZK-73590", waybill_number="TN-14022", product_name="Ламинат Tarkett", product_sku="TK-LAM33",
  quantity="4", unit="pack", location="г. Иваново, ул. Лежневская, 120, кв. 33",
  grounds="4 упаковки разбухли по торцам, доски не стыкуются", demand="replacement"),

L("en", "service", "installer never came; compensation for a lost day, dollars",
  "Megan Lewis <megan.lewis@yahoo.com>", "Installer no-show, order 40-7118", """
Hi,

I took a day of unpaid leave last Friday because your team booked the installation of our Indesit washing machine (order 40-7118) for "8am-12pm". Nobody came, nobody called. When I rang at 1pm I was told the installer "had a van problem" and it would be rebooked - it still hasn't been.

I'd like the installation rebooked for a Saturday, and I think $85 towards the lost day's pay is fair.

Megan Lewis
(503) 555-0147
""", order_number="40-7118", product_name="Indesit washing machine", grounds="Nobody came, nobody called",
  demand="compensation", amount="85.00", currency="USD", phone="+15035550147"),

L("ru", "delay", "koi8-r, legal letter, contract and order, penalty in roubles and kopecks, phone below '-- '",
  "Юрист ООО Меридиан <legal@meridian-office.ru>", "Претензия: просрочка по договору 114-П/2026", sig("""
Руководителю отдела продаж

По договору поставки 114-П/2026 (заказ ЗК-73901) вы обязались поставить кресла офисные Бюрократ CH-868 в количестве 40 шт. не позднее 20.11.2026. На 01.12.2026 поставка не произведена.

Согласно п. 5.3 договора неустойка за 11 дней просрочки составляет 18 360 руб. 00 коп. Требуем её уплатить и поставить товар в течение 3 дней.

--
Юрист Дорохова А.С.
тел. +7 (812) 449-20-31
"""), cs="koi8-r",
  contract_number="114-П/2026", order_number="ЗК-73901", product_name="кресла офисные Бюрократ CH-868",
  quantity="40", unit="pcs", grounds="обязались поставить не позднее 20.11.2026. На 01.12.2026 поставка не произведена",
  demand="compensation", amount="18360.00", currency="RUB", phone="+78124492031"),

L("en", "other", "thanks and a question about reusing a welcome code",
  "Rebecca Hughes <becky.hughes@gmail.com>", "Thank you + a question", """
Hello!

Just a quick note to say thank you - the satin bedding set from order 82-3301 arrived a day early, beautifully packed, and it's even nicer than the photos. My mum loved it.

I'd like to get the same set for my sister for Christmas. Is there any chance the 15% welcome code can be used a second time, or is it one per customer? If not, no worries.

Becky
""", order_number="82-3301", product_name="satin bedding set",
  grounds="Is there any chance the 15% welcome code can be used a second time"),

L("ru", "defect", "Gmail quote of our question below, answers on top",
  "Григорий Сафонов <g.safonov@gmail.com>", "Re: Уточните, пожалуйста, детали", """
Отвечаю на вопросы. Заказ 77-1021, велосипед Stels Navigator 26, покупали 14.11.2026. Задний переключатель не ставит цепь на три нижние звезды, а при нагрузке цепь слетает. Регулировали в веломастерской — не помогло, мастер говорит, что петух рамы погнут с завода. Хотим ремонт по гарантии.

вт, 1 дек. 2026 г. в 10:05, Mailflow Shop <claims@mailflow-shop.ru>:
> Здравствуйте! Чтобы мы могли рассмотреть обращение, сообщите номер заказа, дату покупки и что именно неисправно.
""", order_number="77-1021", product_name="велосипед Stels Navigator 26", purchase_date="2026-11-14",
  grounds="Задний переключатель не ставит цепь на три нижние звезды, а при нагрузке цепь слетает",
  demand="repair"),

L("ru", "service", "no punctuation, promised compensation not paid, '1,5 тыс. руб.'",
  "Лёша <alexey.pankov91@mail.ru>", "компенсация которую обещали", """
в чате поддержки мне пообещали компенсацию 1,5 тыс. руб. за то что заказ 88-6712 задержали на неделю прошло 10 дней денег нет оператор на сообщения не отвечает переведите компенсацию пожалуйста
""", order_number="88-6712",
  grounds="мне пообещали компенсацию прошло 10 дней денег нет оператор на сообщения не отвечает",
  demand="compensation", amount="1500.00", currency="RUB"),

L("en", "wrong_item", "HTML-only, wrong size, two sets",
  "Fiona Reid <fiona.reid@btinternet.com>", "Wrong size bedding - 71-6644", """
<div dir="ltr">Hello,<br><br>I ordered 2 sets of the satin bed linen in <b>king size</b> (order 71-6644) and both packets say <b>double</b>. They're too small for our bed. Could you exchange them for king size? I've kept them sealed.<br><br>Thank you,<br>Fiona Reid</div>
""", html=True,
  order_number="71-6644", product_name="satin bed linen", quantity="2", unit="set",
  grounds="both packets say double", demand="replacement"),

L("en", "damage", "terse, order number only in the photo file names",
  "Ben Carter <ben.carter@live.co.uk>", "coffee machine damaged", """
De'Longhi coffee machine came with the drip tray cracked and the steam wand bent, box was crushed. Pics attached. Want a new one.
""", att=[J("71-9305_1.jpg"), J("71-9305_2.jpg")],
  order_number="71-9305", product_name="De'Longhi coffee machine",
  grounds="came with the drip tray cracked and the steam wand bent, box was crushed", demand="replacement"),

L("ru", "shortage", "rambling, typos, incomplete set (a bag of parts and a booklet missing)",
  "Марина Тихонова <tihonova.marina@bk.ru>", "Конструктор без деталей", """
Здраствуйте. 22 ноября купили сыну на день рождения конструктор LEGO City 60337, заказ 91-5533. Сели собирать в выходные и оказалось что в коробке нет пакета номер 4 и нет второй книжки инструкции, а без них половину поезда не собрать. Коробка была запечатана, мы ничего не теряли. Ребенок расстроен.
Пришлите пожалуйста недостающий пакет и инструкцию, адрес тот же что в заказе.
Марина, +7 (916) 234-56-78
""", order_number="91-5533", product_name="конструктор LEGO City 60337", product_sku="60337",
  purchase_date="2026-11-22", grounds="в коробке нет пакета номер 4 и нет второй книжки инструкции",
  demand="delivery_of_missing", phone="+79162345678"),

L("ru", "other", "closing documents request; tax ids are not order numbers",
  "Бухгалтер ООО Берёзка <buh.berezka@yandex.ru>", "Закрывающие документы по ЗК-74002", """
Добрый день! По заказу ЗК-74002 не пришли закрывающие документы. Пришлите, пожалуйста, УПД с подписью и печатью на ООО «Берёзка», ИНН 7701234567, КПП 770101001, сканом на эту почту, а оригиналы — Почтой России. Спасибо!
Анна Сергеевна, бухгалтер
""", order_number="ЗК-74002", grounds="не пришли закрывающие документы"),

L("en", "defect", "Outlook-style quote of the customer's own earlier letter below; two demands, pounds",
  "Lucy Adams <lucy.adams@hotmail.co.uk>", "RE: Dumbbells 60-2288", """
Hi,

Following up on my message below - no reply yet. The adjustable dumbbells (2x10 kg) from order 60-2288: the collars are cross-threaded on both bars, so they won't tighten and the plates slide about. Not safe to lift with. I'd take a replacement pair, or a refund of £59.99 if you have none in stock.

Lucy Adams
07912 803 226

From: Lucy Adams <lucy.adams@hotmail.co.uk>
Sent: 26 November 2026 20:14
To: claims@mailflow-shop.com
Subject: Dumbbells 60-2288

Hello, there's a problem with my dumbbells, the collars don't screw on. Lucy
""", order_number="60-2288", product_name="adjustable dumbbells (2x10 kg)",
  grounds="the collars are cross-threaded on both bars, so they won't tighten and the plates slide about",
  demand=["replacement", "refund"], amount="59.99", currency="GBP", phone="+447912803226"),

L("ru", "delay", "transliteration, rambling, deadline date not labelled, 'rub'",
  "Alina Gromova <alina.gromova@gmail.com>", "Zakaz 88-7720 - kogda?", """
Dobryi den. Oplatila 17.11.2026 zakaz 88-7720, televizor Samsung 43 dyuima. Obeshali privezti za 5 rabochih dnei, segodnya uzhe 1 dekabrya, a zakaz vse eshe "peredan v sluzhbu dostavki". Kurerskaya sluzhba govorit, chto u nih ego net. Esli do 4 dekabrya ne privezete, vernite 34 990 rub.
Alina, +7 903 710 20 30
""", order_number="88-7720", product_name="televizor Samsung 43 dyuima", purchase_date="2026-11-17",
  grounds="Obeshali privezti za 5 rabochih dnei, segodnya uzhe 1 dekabrya", demand="refund",
  amount="34990.00", currency="RUB", phone="+79037102030"),

L("ru", "damage", "HTML-only windows-1251 with a table, two products, invoice",
  "Магазин Уютный дом <uyut.dom@mail.ru>", "Бой при перевозке, счёт СФ-7720", """
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>
<p>Здравствуйте.</p>
<p>По счёту СФ-7720 товар пришёл с боем, транспортная коробка была сырая и продавлена:</p>
<table border="1"><tr><td>Набор тарелок Luminarc 24 предмета</td><td>2 компл.</td><td>тарелки разбиты</td></tr>
<tr><td>Термос Thermos 0,5 л</td><td>3 шт.</td><td>вмятины на колбе</td></tr></table>
<p>Просим вернуть за повреждённый товар 4 380,00 руб.</p>
<p>Управляющая Шевченко О.Н.<br>8 (4722) 33-90-12</p></body></html>
""", html=True, cs="windows-1251",
  invoice_number="СФ-7720", product_name=["Набор тарелок Luminarc 24 предмета", "Термос Thermos 0,5 л"],
  quantity=["2", "3"], unit=["set", "pcs"],
  grounds="транспортная коробка была сырая и продавлена, тарелки разбиты, вмятины на колбе",
  demand="refund", amount="4380.00", currency="RUB", phone="+74722339012"),

L("en", "delay", "B2B site delivery, consignment note and order, two products in bags, phone below '-- '",
  "Site Office <site@kellyconstruction.ie>", "Consignment CN-55812 - 6 days late", sig("""
Hello,

Consignment CN-55812 (your order 40-7260) was booked for delivery to our site at 7 Harbour Road, Dublin 4 last Wednesday. It contains 60 bags of Knauf Rotband 25 kg and 40 bags of Ceresit CM 11 tile adhesive. It hasn't arrived and the plasterers are standing idle.

Please give us a firm delivery date today.

--
Declan Kelly, Site Manager
+353 1 672 4410
"""), waybill_number="CN-55812", order_number="40-7260",
  product_name=["Knauf Rotband 25 kg", "Ceresit CM 11 tile adhesive"], quantity=["60", "40"], unit=["pcs", "pcs"],
  location="our site at 7 Harbour Road, Dublin 4", grounds="was booked for delivery last Wednesday. It hasn't arrived",
  phone="+35316724410"),

L("en", "other", "terse promo code question, no order",
  "Sam Ortiz <sam.ortiz@gmail.com>", "promo code", """
Code XMAS10 says invalid at checkout on the Philips air fryer. Still valid or not? Sam
""", product_name="Philips air fryer", grounds="Code XMAS10 says invalid at checkout"),

L("ru", "wrong_item", "plain with HTML alternative, explicit article, hotel address",
  "Вера Николаевна Ким <vera.kim@yandex.ru>", "Прислали другие подушки (заказ 88-5112)", """
Добрый день!

В заказе 88-5112 я выбирала подушки Fibre 50х70, арт. TX-PL50, 6 шт. — для гостиницы, которую мы открываем. Привезли подушки 70х70, с другим наполнителем, на упаковке вообще другой артикул. В наволочки 50х70 они не влезают.

Просим забрать их и привезти те, что в заказе. Подушки лежат нераспакованные в мини-отеле «Ладога», г. Приозерск, ул. Калинина, 3.

Вера Николаевна
8 (81379) 3-22-10
""", alt=True,
  order_number="88-5112", product_name="подушки Fibre 50х70", product_sku="TX-PL50", quantity="6", unit="pcs",
  location="мини-отеле «Ладога», г. Приозерск, ул. Калинина, 3",
  grounds="Привезли подушки 70х70, с другим наполнителем", demand="replacement", phone="+78137932210"),

L("ru", "service", "refund for a return never paid, amount in words, return date not labelled",
  "Ольга Данилова <danilova.olga@list.ru>", "Не вернули деньги за возврат", """
Здравствуйте. Я вернула фен в ваш пункт выдачи 23.11 по заказу 77-4890, сотрудник принял, дал квитанцию. Мне сказали что деньги придут за 3–5 дней, прошла уже неделя с лишним, денег нет, в поддержке отвечают «ожидайте». Прошу вернуть две тысячи триста девяносто рублей как можно скорее.
Ольга
""", order_number="77-4890", product_name="фен",
  grounds="прошла уже неделя с лишним, денег нет, в поддержке отвечают «ожидайте»", demand="refund",
  amount="2390.00", currency="RUB"),

L("en", "shortage", "Australian, bags as pieces, refund computed 'A$'",
  "Warehouse <warehouse@pawsandclaws.com.au>", "Short delivery INV-573344", """
G'day,

INV-573344 arrived yesterday: Pro Plan dog food 15 kg, invoiced 10 bags, received 8 bags. Rather than waiting on a redelivery, please refund the two missing bags - 2 x A$89.95 = A$179.90.

Cheers,
Mick, Paws & Claws
""", invoice_number="INV-573344", product_name="Pro Plan dog food 15 kg", unit="pcs",
  quantity_ordered="10", quantity_received="8", grounds="invoiced 10 bags, received 8 bags", demand="refund",
  amount="179.90", currency="AUD"),

L("ru", "defect", "terse, no punctuation, PNG photo named foto.pdf",
  "Инна <inna.zaitseva@mail.ru>", "сковорода облезла", """
сковорода Tefal Expertise 28 см облазит покрытие через 2 недели заказ 88-9017 прошу замену фото прилагаю
""", att=[G("foto.pdf", ctype="application/pdf")],
  order_number="88-9017", product_name="сковорода Tefal Expertise 28 см", grounds="облазит покрытие через 2 недели",
  demand="replacement"),

L("en", "service", "double card charge, dollars with thousands comma, phone below '-- '",
  "Kevin O'Brien <kevin.obrien@comcast.net>", "Charged twice for order 82-6620", sig("""
Hello,

My card was charged twice for order 82-6620 - $1,049.99, two days apart. I only placed one order and only one parcel came. My bank says the second charge is a completed payment, not a hold, so it has to come back from you.

Please refund the duplicate charge.

--
Kevin O'Brien
(312) 555-0178
"""), order_number="82-6620", grounds="My card was charged twice", demand="refund",
  amount="1049.99", currency="USD", phone="+13125550178"),

L("en", "wrong_item", "forwarded store note below; buyer restates invoice, article and count",
  "Buying Team <buying@homestorehq.co.uk>", "Fwd: wrong pans - INV-575102", """
Hello,

Our Bristol store has flagged the delivery on INV-575102. We ordered 12 pcs Tefal Expertise 28 cm frying pans (TS-PAN28); the cartons contain 24 cm pans. Please arrange an exchange - the pans are boxed up in the Bristol stockroom, 60 Broadmead, BS1 3DX.

Thanks,
Priya Shah, Buying Team

---------- Forwarded message ---------
From: Bristol Store <bristol@homestorehq.co.uk>
Date: Tue, 1 Dec 2026 at 09:12
Subject: wrong pans
To: Buying Team <buying@homestorehq.co.uk>

Pans on INV-575102 are 24cm not 28cm, all 12. Left them in the stockroom.
""", invoice_number="INV-575102", product_name="Tefal Expertise 28 cm frying pans", product_sku="TS-PAN28",
  quantity="12", unit="pcs", location="the Bristol stockroom, 60 Broadmead, BS1 3DX",
  grounds="the cartons contain 24 cm pans", demand="replacement"),

L("en", "wrong_item", "terse, typos, lower case",
  "Tomasz Nowak <tomasz.nowak84@gmail.com>", "wrong monitor", """
recieved wrong model, orderd the LG 27MP400 and got a 24 inch one. order 60-3345. pls exchange
""", order_number="60-3345", product_name="LG 27MP400", grounds="got a 24 inch one", demand="replacement"),

L("ru", "delay", "HTML-only, one line, order number alone in the subject and body",
  "Жанна <zhanna.ok@mail.ru>", "91-9804", """
<div>91-9804 где??? неделю назад должны были привезти, никто ничего не говорит</div>
""", html=True,
  order_number="91-9804", grounds="неделю назад должны были привезти, никто ничего не говорит"),

L("ru", "shortage", "rambling, only one of two products short, two demands, amount",
  "Зоомагазин Хвостик <hvostik.zoo@yandex.ru>", "Недовоз корма, заказ 77-5408", """
Добрый день!
Сегодня получили заказ 77-5408. Заказывали корм Pro Plan 15 кг — 3 мешка и наполнитель древесный — 4 мешка. Наполнитель весь, а корма только 2 мешка, водитель пожал плечами. Третий мешок нам нужен до выходных, довезите, пожалуйста, в магазин: г. Ковров, ул. Шмидта, 9. Если довезти не получится, сделайте перерасчёт на 5 960 руб.
Ирина, администратор
""", order_number="77-5408", product_name="корм Pro Plan 15 кг", unit="pcs",
  quantity_ordered="3", quantity_received="2", location="в магазин: г. Ковров, ул. Шмидта, 9",
  grounds="Наполнитель весь, а корма только 2 мешка", demand=["delivery_of_missing", "price_reduction"],
  amount="5960.00", currency="RUB"),

L("en", "defect", "order and invoice numbers only in the attached PDF, euro written '€ 64,90'",
  "Claire Dubois <claire.dubois@orange.fr>", "Hand blender - motor smells burnt", """
Hello,

I bought a Braun hand blender from you on 9th November, invoice attached. Yesterday, while I was making soup, the motor started to smell burnt and then it stopped completely; now it only hums when I press the button. I have used it perhaps six times.

I would like my money back: € 64,90.

Best regards,
Claire Dubois
""", att=[P("facture_novembre.pdf", "Mailflow Shop", "Invoice INV-574410", "Order 71-6209", "Braun MQ 5137 hand blender  1 pcs  64.90 EUR")],
  invoice_number="INV-574410", order_number="71-6209", product_name="Braun hand blender", purchase_date="2026-11-09",
  grounds="the motor started to smell burnt and then it stopped completely", demand="refund",
  amount="64.90", currency="EUR"),

L("ru", "other", "lost warranty card question, purchase date, phone below '-- '",
  "Сергей Федорчук <fedorchuk.s@mail.ru>", "Дубликат гарантийного талона", sig("""
Добрый день. Потерял гарантийный талон к перфоратору Makita HR2470, покупал у вас 02.10.2026. Можно ли получить дубликат, или гарантия действует и по чеку? Чек сохранился.

--
С уважением, Сергей Федорчук
+7 (917) 380-11-09
"""), product_name="перфоратору Makita HR2470", purchase_date="2026-10-02",
  grounds="Потерял гарантийный талон", phone="+79173801109"),

L("en", "other", "change of delivery address, new address as the location",
  "Hannah Clarke <hannah.clarke@gmail.com>", "Change of address for 82-7765", """
Hi, I'm moving this week - could you send order 82-7765 to Flat 3, 22 Albert Street, Brighton BN1 1AA instead of the address on the order? Thanks! Hannah, 07912 330 771
""", order_number="82-7765", location="Flat 3, 22 Albert Street, Brighton BN1 1AA",
  grounds="could you send order to Flat 3, 22 Albert Street instead of the address on the order",
  phone="+447912330771"),

L("ru", "service", "windows-1251, rambling, pickup point would not let the customer check the goods",
  "Павел Громов <gromov.pavel@yandex.ru>", "Жалоба на пункт выдачи на Ленинском", """
Здравствуйте.

Вчера пришёл забирать заказ 88-1505 в пункт выдачи на Ленинском проспекте, 45 (Москва). Хотел, как положено, вскрыть коробку и проверить шуруповёрт до оплаты — сотрудница отказалась, сказала «у нас так не принято, или берите, или отказывайтесь». Когда я попросил жалобную книгу, мне ответили, что её нет. Очередь за мной уже ругалась.

Заказ так и остался в пункте. Прошу объяснить, почему нельзя проверить товар, и дать возможность получить его нормально.

Павел Громов
8 (926) 517-30-08
""", cs="windows-1251",
  order_number="88-1505", product_name="шуруповёрт", location="в пункте выдачи на Ленинском проспекте, 45 (Москва)",
  grounds="Хотел вскрыть коробку и проверить шуруповёрт до оплаты — сотрудница отказалась", phone="+79265173008"),
]
